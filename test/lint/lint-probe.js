// Lints code snippets as if they were files at given paths, with the project's ESLint config, and prints
// the rule IDs that fired per snippet as JSON. Run as a child process: the flat config is an ES module.
const { ESLint } = require('eslint');

async function main() {
  const cases = JSON.parse(process.argv[2]);
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = [];
  for (const { filePath, code } of cases) {
    const [result] = await eslint.lintText(code, { filePath });
    out.push(result.messages.map((m) => m.ruleId ?? m.message));
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch((e) => { console.error(e); process.exit(1); });
