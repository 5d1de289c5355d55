//! The server's integration tests as one binary: one link step instead of one
//! per file (matklad, "Delete Cargo Integration Tests"). Each module was a test
//! file of its own; `common` drives the router without a socket.

mod api;
mod charts;
mod cli;
mod common;
mod compare;
mod doors;
mod export;
mod golden;
mod malformed;
mod openapi;
mod overload;
mod reference;
mod serve;
mod slice;
mod versions;
