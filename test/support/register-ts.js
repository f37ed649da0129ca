// A require hook for the test suite's child processes: TypeScript files are transpiled with esbuild (type
// annotations removed, modules made CommonJS), as ts-jest does for the tests themselves. A child that
// loaded the library through ts-node spent some 5 s of CPU compiling it; this takes a fraction of that.
// Types are checked once, by `npm test`'s type check, not here.
const fs = require('fs');
const { transformSync } = require('esbuild');

require.extensions['.ts'] = function compile(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    loader: 'ts', format: 'cjs', target: 'node20', sourcefile: filename,
    // As tsconfig.json's target ES2022 implies: class fields are defined, as in the tested build.
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: true } },
  });
  module._compile(code, filename);
};
