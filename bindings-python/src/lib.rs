//! flowready's python binding (being written).
