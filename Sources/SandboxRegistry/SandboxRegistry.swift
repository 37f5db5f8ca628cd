// The sandbox npm registry.
