//! What differs between Windows, macOS and Linux, one small module per concern,
//! so that the loops in `app` read the same on all three. File durability and
//! owner-only permissions live beside their users in `store::fsutil`.

pub mod data_dir;
pub mod keys;
pub mod network;
pub mod signals;
pub mod terminal;
pub mod zone;
