//! drplan's calculation engine: plain data in, plain data out, no I/O.
