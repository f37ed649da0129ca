// Package entry point. Re-exports only.
export * from './core';
export * from './constructs';
