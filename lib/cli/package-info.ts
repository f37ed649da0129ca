/** The package's own version and home page, read from its package.json (for --version and report metadata). */
import * as fs from 'fs';
import * as path from 'path';

export interface PackageInfo {
  readonly version: string;
  /** `homepage` of package.json, when the package declares one: where RULES.md is linked from. */
  readonly homepage?: string;
}

let cached: PackageInfo | undefined;

/** Walks up from this file (lib/cli in the sources, dist/lib/cli in the package) to the package.json. */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string; homepage?: string };
      if (json.name === 'cdktf-gitlab-identity') {
        cached = { version: json.version ?? '0.0.0', ...(typeof json.homepage === 'string' ? { homepage: json.homepage } : {}) };
        return cached;
      }
    }
    if (path.dirname(dir) === dir) return (cached = { version: '0.0.0' });
  }
}
