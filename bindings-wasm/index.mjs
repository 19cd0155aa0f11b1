// The ESM entry point for Node: the same functions as the CommonJS build
// (pkg/node/flowready_wasm.js, made by `npm run build`), as named exports.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const wasm = require('./pkg/node/flowready_wasm.js');

export const {
  parse, evaluate, evaluateWithEvidence, readEvidence, decisionSection, explain, diff,
  evaluateJson, evaluateWithEvidenceJson, utf16Column,
} = wasm;
export default wasm;
