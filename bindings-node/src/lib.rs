//! flowready's node binding (being written).
