// `npm test`: the type check and ESLint at the same time (each mostly uses one core), then jest. Fails if
// any of them fails; extra arguments go to jest.
const { spawn } = require('child_process');

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (args) => new Promise((resolve) => {
  const child = spawn(npm, args, { stdio: 'inherit' });
  child.on('close', (code) => resolve(code === 0));
});

(async () => {
  const [types, lint] = await Promise.all([run(['run', '--silent', 'typecheck']), run(['run', '--silent', 'lint'])]);
  if (!types || !lint) {
    console.error(`npm test: ${!types ? 'the type check' : 'ESLint'}${!types && !lint ? ' and ESLint' : ''} failed`);
    process.exit(1);
  }
  if (!(await run(['run', '--silent', 'jest', '--', ...process.argv.slice(2)]))) process.exit(1);
})();
