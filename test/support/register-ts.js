// A require hook for the test suite's child processes: TypeScript files are transpiled with esbuild (type
// annotations removed, modules made CommonJS), as ts-jest does for the tests themselves. A child that
// loaded the library through ts-node spent some 5 s of CPU compiling it; this takes a fraction of that.
// Types are checked once, by `npm test`'s type check, not here.
//
// Each transpiled file is kept in node_modules/.cache, keyed by a hash of its source and of the options:
// esbuild's synchronous call talks to its service process, some 4 ms a file, and a test run starts dozens
// of children that load the same 150 files. A file is written under a temporary name and renamed, so two
// children writing the same entry at once never leave half a file.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { transformSync, version } = require('esbuild');

const OPTIONS = {
  loader: 'ts', format: 'cjs', target: 'node20',
  // As tsconfig.json's target ES2022 implies: class fields are defined, as in the tested build.
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: true } },
};
const CACHE = path.join(__dirname, '../../node_modules/.cache/register-ts');
// This file is part of the key too: a change to how files are transpiled must not reuse old output.
const SALT = JSON.stringify([version, OPTIONS, fs.readFileSync(__filename, 'utf8')]);

function transpiled(filename, source) {
  const key = crypto.createHash('sha256').update(SALT).update('\0').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(CACHE, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    const { code } = transformSync(source, { ...OPTIONS, sourcefile: filename });
    const partial = `${cached}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(CACHE, { recursive: true });
      fs.writeFileSync(partial, code);
      fs.renameSync(partial, cached);
    } catch {
      // A cache that cannot be written (read-only tree, full disk) only costs time.
      fs.rmSync(partial, { force: true });
    }
    return code;
  }
}

require.extensions['.ts'] = function compile(module, filename) {
  module._compile(transpiled(filename, fs.readFileSync(filename, 'utf8')), filename);
};
