'use strict'
// The `Report` that `evaluate` and `evaluateWithEvidence` return: a plain object with the
// report JSON's keys, in the JSON's order, over a report kept in Rust (`NativeReport`).
// Each key is an accessor until it is first read; reading it converts that part alone
// (the core serialises it, `JSON.parse` builds the objects) and turns the key into an
// ordinary data property holding the result, so a part converts once and later reads
// cost nothing. `report.flow(id)` converts one flow. Enumeration, `JSON.stringify`,
// `structuredClone` and `assert.deepStrictEqual` see the same keys and values as the
// eager objects of the core's JSON; the methods are non-enumerable.

const { call, argumentTypeError } = require('./errors.js')

const KEYS = ['version', 'options', 'decision', 'flows', 'findings', 'summary', 'gate', 'evidence']
const STATE = Symbol('flowready.report')
const INSPECT = Symbol.for('nodejs.util.inspect.custom')

/** Makes `key` of `report` an ordinary data property holding `value`. */
function settle(report, key, value) {
  Object.defineProperty(report, key, { value, writable: true, enumerable: true, configurable: true })
  report[STATE].touched = true
  return value
}

/** Converts part `key` of the native report. */
function convert(state, key) {
  const json = call(() => state.handle.partJson(key))
  const value = json === null ? undefined : JSON.parse(json)
  if (key === 'flows' && Array.isArray(value)) {
    // Flows already handed out by `flow(id)` keep their identity in the array.
    if (state.byPosition) for (const [i, f] of state.byPosition) value[i] = f
    state.positions = value.slice()
  }
  return value
}

const ACCESSORS = Object.fromEntries(
  KEYS.map((key) => [
    key,
    {
      get() {
        return settle(this, key, convert(this[STATE], key))
      },
      set(value) {
        settle(this, key, value)
      },
      enumerable: true,
      configurable: true,
    },
  ]),
)

/**
 * The verdict of flow `id` (the first, if the matrix repeats the ID), converting only
 * that flow. An ID the report does not have throws `UnknownFlowError` with the nearest
 * ID as `suggestion`. The same object as in `report.flows`.
 */
function flow(id) {
  if (typeof id !== 'string') throw argumentTypeError('id', 'a string', id)
  const state = this[STATE]
  const position = call(() => state.handle.flowPosition(id))
  if (state.positions) return state.positions[position]
  if (!state.byPosition) state.byPosition = new Map()
  let verdict = state.byPosition.get(position)
  if (verdict === undefined) {
    verdict = JSON.parse(call(() => state.handle.flowJson(position)))
    state.byPosition.set(position, verdict)
  }
  return verdict
}

/** The report as plain objects (every part converted): what `JSON.stringify` writes. */
function toJSON() {
  const plain = {}
  for (const key of Object.keys(this)) plain[key] = this[key]
  return plain
}

/**
 * The core's report JSON, byte for byte (as evaluated: changes made to the JavaScript
 * objects are not in it). Cheaper than `JSON.stringify(report)`, which converts every
 * part first.
 */
function json() {
  return call(() => this[STATE].handle.json())
}

/** `util.inspect` / `console.log`: the converted report, not its accessors. */
function inspect(depth, options, inspectValue) {
  return inspectValue(this.toJSON(), { ...options, depth: options.depth === null ? null : depth })
}

const METHODS = { flow, toJSON, json }

/** The `Report` over a `NativeReport`. */
function reportFrom(handle) {
  const report = {}
  Object.defineProperty(report, STATE, { value: { handle, touched: false, positions: null, byPosition: null } })
  for (const [name, value] of Object.entries(METHODS)) {
    Object.defineProperty(report, name, { value, writable: true, configurable: true })
  }
  Object.defineProperty(report, INSPECT, { value: inspect, writable: true, configurable: true })
  const hasEvidence = handle.hasEvidence
  for (const key of KEYS) {
    if (key !== 'evidence' || hasEvidence) Object.defineProperty(report, key, ACCESSORS[key])
  }
  return report
}

/**
 * The native report behind `report`, if it is a `Report` from `evaluate` none of whose
 * parts has been read or replaced (so nothing in it can differ from the native report).
 */
function untouchedNative(report) {
  const state = report && typeof report === 'object' ? report[STATE] : undefined
  return state && !state.touched ? state.handle : undefined
}

module.exports = { reportFrom, untouchedNative }
