'use strict'
// The errors the package throws, and the one place where the native layer's errors become
// them. The native layer (src/lib.rs, `js_error`) throws an `Error` whose message is a
// marker and a JSON payload (`code`, `message`, and data such as `source`, `line`,
// `column`); `translate` turns it into the matching subclass below.

const MARKER = '\u0000flowready-error:'

/** Base class of every error flowready throws on purpose; `code` is stable. */
class FlowreadyError extends Error {
  constructor(message, data = {}) {
    super(message)
    this.name = this.constructor.name
    this.code = data.code || 'ERR_FLOWREADY'
    for (const [key, value] of Object.entries(data)) {
      if (key !== 'message' && key !== 'code' && value !== undefined) this[key] = value
    }
  }
}

/** The options could not be read (an unknown key, a bad date, level or priority). */
class OptionsError extends FlowreadyError {}
/** A test report could not be read; `source`, `line`, `column`, `byte` say where. */
class EvidenceError extends FlowreadyError {}
/** An evidence format name that is not `playwright`, `junit` or `flowready`. */
class UnknownFormatError extends FlowreadyError {}
/** A flow ID the matrix does not have; `suggestion` is the nearest, if any. */
class UnknownFlowError extends FlowreadyError {}
/** A subpath name that is not one; `suggestion` is the nearest, if any. */
class UnknownSubpathError extends FlowreadyError {}
/** A report object that is not a report (`decisionSection`). */
class ReportError extends FlowreadyError {}
/** A value could not be serialised (should not happen). */
class SerializeError extends FlowreadyError {}
/** `expectFlowReady`: the flow is blocked; `flow`, `decision`, `reasons` say why. */
class FlowNotReadyError extends FlowreadyError {}

const CLASSES = {
  ERR_FLOWREADY_OPTIONS: OptionsError,
  ERR_FLOWREADY_EVIDENCE: EvidenceError,
  ERR_FLOWREADY_UNKNOWN_FORMAT: UnknownFormatError,
  ERR_FLOWREADY_UNKNOWN_FLOW: UnknownFlowError,
  ERR_FLOWREADY_UNKNOWN_SUBPATH: UnknownSubpathError,
  ERR_FLOWREADY_REPORT: ReportError,
  ERR_FLOWREADY_SERIALIZE: SerializeError,
  ERR_FLOWREADY_NOT_READY: FlowNotReadyError,
}

/** The error to throw for `data` (`{code, message, …}`). */
function flowreadyError(data) {
  const Class = CLASSES[data.code] || FlowreadyError
  return new Class(data.message, data)
}

/** A native error rethrown as its subclass; any other error unchanged. */
function translate(error) {
  if (error instanceof Error && typeof error.message === 'string' && error.message.startsWith(MARKER)) {
    let data
    try {
      data = JSON.parse(error.message.slice(MARKER.length))
    } catch {
      return error
    }
    const translated = flowreadyError(data)
    // Keep the caller's stack, not the payload's.
    if (error.stack) translated.stack = `${translated.name}: ${translated.message}\n${error.stack.split('\n').slice(1).join('\n')}`
    return translated
  }
  return error
}

/** Calls `fn`, rethrowing native errors as their subclasses. */
function call(fn) {
  try {
    return fn()
  } catch (error) {
    throw translate(error)
  }
}

/** A `TypeError` with Node's `ERR_INVALID_ARG_TYPE` code. */
function argumentTypeError(name, expected, value) {
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value
  const e = new TypeError(`the \`${name}\` argument must be ${expected}; received ${got}`)
  e.code = 'ERR_INVALID_ARG_TYPE'
  return e
}

/** A `TypeError` with Node's `ERR_INVALID_ARG_VALUE` code. */
function argumentValueError(name, message) {
  const e = new TypeError(`the \`${name}\` argument ${message}`)
  e.code = 'ERR_INVALID_ARG_VALUE'
  return e
}

module.exports = {
  FlowreadyError,
  OptionsError,
  EvidenceError,
  UnknownFormatError,
  UnknownFlowError,
  UnknownSubpathError,
  ReportError,
  SerializeError,
  FlowNotReadyError,
  ERROR_CLASSES: CLASSES,
  flowreadyError,
  translate,
  call,
  argumentTypeError,
  argumentValueError,
}
