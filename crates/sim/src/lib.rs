//! Simulated WorkFossa site.
