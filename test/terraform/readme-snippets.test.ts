/** Terraform tier: every TypeScript snippet of the README runs, and every stack it writes loads in Terraform. */
import { runSnippet, typescriptSnippets } from '../support/readme-snippets';
import { TerraformConfig, expectTerraformLoads } from '../support/terraform';

const snippets = typescriptSnippets();

test('the README has snippets to check', () => {
  expect(snippets.length).toBeGreaterThanOrEqual(4);
});

test.each(snippets.map((s) => [s.line, s] as const))('README snippet at line %i runs', (_line, snippet) => {
  expect(() => runSnippet(snippet)).not.toThrow();
});

test('every stack the README snippets write loads in Terraform', async () => {
  const configs: TerraformConfig[] = snippets.flatMap((s) =>
    Object.entries(runSnippet(s)).map(([stack, json]) => ({ label: `README.md line ${s.line}, stack ${stack}`, json })),
  );
  expect(configs.length).toBeGreaterThanOrEqual(3);
  await expectTerraformLoads(configs);
});
