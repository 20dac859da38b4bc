//! The schedule rule (placeholder; being written).
