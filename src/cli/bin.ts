#!/usr/bin/env node
import { runCliAsync } from './main.js';

process.exitCode = await runCliAsync(process.argv.slice(2));
