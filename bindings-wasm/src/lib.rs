//! flowready's wasm binding (being written).
