//! Writers placeholder
