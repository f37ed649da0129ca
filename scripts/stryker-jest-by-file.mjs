// Stryker test runner `jest-by-file`: Stryker's jest runner, loading only the test files that cover a mutant.
//
// With per-test coverage, Stryker's jest runner (9.6) passes the covering tests to jest as a test-name
// pattern, and jest still loads every test file to learn the names in it: 61 files of lib/core's tests,
// about 10 s of module loading per mutant on one core before a single test runs. The dry run already reports
// the file of every test, so this runner remembers it and hands jest the covering tests' files as well,
// with the same name pattern. Two differences, neither of which can raise a score: the pattern is an
// unanchored regular expression, so the stock runner also runs a test in another file whose name merely
// contains a covering test's name; and a test file that fails to load under the mutant, but holds no
// covering test, is not loaded (the stock runner reports a runtime error, which takes the mutant out of the
// score).
// `--findRelatedTests` (the runner's own option) does not help here: nearly every test file imports the
// core's index, so every core file is "related" to nearly every test.
//
// It wraps the jest runner's test adapter (a field Stryker does not document), so it is pinned to the
// @stryker-mutator/jest-runner version in package.json; if that changes, it fails when Stryker creates the
// runner, with the message below, rather than testing every mutant with no test.
import { commonTokens, declareFactoryPlugin, PluginKind, tokens } from '@stryker-mutator/api/plugin';
import { strykerPlugins as jestPlugins } from '@stryker-mutator/jest-runner';
import fs from 'fs';
import path from 'path';

const jestRunnerFactory = jestPlugins.find((p) => p.name === 'jest').factory;

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function jestByFileFactory(injector) {
  // The dry run's map from test to files, in the sandbox: Stryker creates the runner after moving the
  // process into it (the module itself is loaded before), and every runner process works in the same one.
  const shared = path.join(process.cwd(), '.stryker-jest-by-file.json');
  const inner = jestRunnerFactory(injector);
  const adapter = inner.jestTestAdapter;
  if (!adapter || typeof adapter.run !== 'function') {
    throw new Error('jest-by-file: @stryker-mutator/jest-runner no longer has jestTestAdapter.run; use "testRunner": "jest"');
  }
  const filesOfTest = new Map();
  let filesOfMutant;
  const run = adapter.run.bind(adapter);
  adapter.run = (settings) => run(filesOfMutant && !settings.testFiles ? { ...settings, testFiles: filesOfMutant } : settings);
  return {
    capabilities: () => inner.capabilities(),
    init: () => inner.init(),
    dispose: () => inner.dispose?.(),
    async dryRun(options) {
      const result = await inner.dryRun(options);
      if (result.status === 'complete') {
        for (const test of result.tests) {
          if (!filesOfTest.has(test.id)) filesOfTest.set(test.id, new Set());
          if (test.fileName) filesOfTest.get(test.id).add(test.fileName);
        }
        // Later test runner processes (Stryker starts a new one after a timeout) read it from the sandbox.
        fs.writeFileSync(shared, JSON.stringify([...filesOfTest].map(([id, files]) => [id, [...files]])));
      }
      return result;
    },
    async mutantRun(options) {
      // No filter means every test; a test whose file is unknown means every file.
      if (filesOfTest.size === 0 && fs.existsSync(shared)) {
        for (const [id, files] of JSON.parse(fs.readFileSync(shared, 'utf8'))) filesOfTest.set(id, new Set(files));
      }
      const ids = options.testFilter;
      const files = ids && ids.every((id) => filesOfTest.get(id)?.size) ? [...new Set(ids.flatMap((id) => [...filesOfTest.get(id)]))] : undefined;
      // jest reads each as a regular expression over the path: escaped and anchored, it names that file only.
      filesOfMutant = files?.map((file) => `^${escapeRegExp(file)}$`);
      try {
        return await inner.mutantRun(options);
      } finally {
        filesOfMutant = undefined;
      }
    },
  };
}
jestByFileFactory.inject = tokens(commonTokens.injector);

export const strykerPlugins = [declareFactoryPlugin(PluginKind.TestRunner, 'jest-by-file', jestByFileFactory)];
