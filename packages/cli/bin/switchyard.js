#!/usr/bin/env node
// Committed shim so the bin link exists before the first build.
import "../dist/bin.js";
