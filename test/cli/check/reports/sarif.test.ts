/** `--format sarif`: SARIF 2.1.0 that code-scanning tools accept, with every rule's help. */
import { CheckResult } from '../../../../lib/cli/check/check-result';
import { SarifOptions, sarifReport } from '../../../../lib/cli/check/reports/sarif';
import { POLICY_RULES } from '../../../../lib/core';
import { EMPTY, HOSTILE, HOSTILE_RESULT, NOTE, NO_EXPIRY, OWNER, RESULT, SUPPRESSED, SUPPRESSION_PROBLEM } from './fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any -- a parsed SARIF log is walked as plain JSON. */
const sarif = (result: CheckResult, options: SarifOptions = { toolVersion: '1.2.3' }): any => JSON.parse(sarifReport(result, options));
const run = (result: CheckResult, options?: SarifOptions) => sarif(result, options).runs[0];

describe('sarifReport', () => {
  test('SARIF 2.1.0, one run, the tool named and versioned; a final newline', () => {
    const text = sarifReport(RESULT, { toolVersion: '1.2.3' });
    expect(text.endsWith('}\n')).toBe(true);
    const log = JSON.parse(text);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].tool.driver).toMatchObject({ name: 'gitlab-identity', version: '1.2.3' });
    expect(log.runs[0].tool.driver).not.toHaveProperty('informationUri');
  });

  test('informationUri only when given', () => {
    expect(run(EMPTY, { toolVersion: '1', informationUri: 'https://example.org/tool' }).tool.driver.informationUri).toBe('https://example.org/tool');
  });

  describe('rules', () => {
    test('one per policy rule, in catalogue order, each once', () => {
      const ids = run(EMPTY).tool.driver.rules.map((r: any) => r.id);
      expect(ids).toEqual(POLICY_RULES.map((r) => r.id));
      expect(new Set(ids).size).toBe(ids.length);
    });

    test.each(POLICY_RULES.map((r) => [r.id, r] as const))('%s: name, descriptions, help with the fix and a link to its RULES.md heading', (id, rule) => {
      const r = run(EMPTY).tool.driver.rules.find((x: any) => x.id === id);
      expect(r.name).toBe(rule.name);
      expect(r.shortDescription.text).toBe(rule.summary);
      expect(r.fullDescription.text).toBe(rule.explanation);
      const anchor = `RULES.md#${id.toLowerCase()}`;
      for (const help of [r.help.text, r.help.markdown]) {
        expect(help).toContain(rule.explanation);
        expect(help).toContain(rule.fix);
        expect(help).toContain(anchor);
      }
      expect(r.defaultConfiguration.level).toBe({ error: 'error', warning: 'warning', info: 'note' }[rule.level]);
      expect(r).not.toHaveProperty('helpUri');
    });

    test('helpUri is the published RULES.md\'s anchor, only when rulesUrl is given', () => {
      const rules = run(EMPTY, { toolVersion: '1', rulesUrl: 'https://gitlab.example/g/p/-/blob/main/RULES.md' }).tool.driver.rules;
      expect(rules.find((r: any) => r.id === 'GLID-006').helpUri).toBe('https://gitlab.example/g/p/-/blob/main/RULES.md#glid-006');
      expect(rules.every((r: any) => r.helpUri.endsWith(`#${r.id.toLowerCase()}`))).toBe(true);
    });

    test('a rule ID outside the catalogue (GLID-000) gets a synthetic rule after them', () => {
      const rules = run(RESULT).tool.driver.rules;
      expect(rules).toHaveLength(POLICY_RULES.length + 1);
      expect(rules[POLICY_RULES.length]).toMatchObject({ id: 'GLID-000', name: 'input-problem', defaultConfiguration: { level: 'warning' } });
      expect(rules[POLICY_RULES.length].help.text).toContain('RULES.md');
      const unknown = run({ findings: [{ ...NOTE, ruleId: 'GLID-999' }, { ...NOTE, ruleId: 'GLID-999' }], files: [] }).tool.driver.rules;
      expect(unknown.map((r: any) => r.id).slice(POLICY_RULES.length)).toEqual(['GLID-999']);
    });
  });

  describe('results', () => {
    test('one per finding; ruleIndex points at the rule with its ruleId', () => {
      const r = run(RESULT);
      expect(r.results).toHaveLength(RESULT.findings.length);
      for (const result of r.results) expect(r.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(r.results.map((x: any) => x.ruleId)).toEqual(RESULT.findings.map((f) => f.ruleId));
    });

    test('level: error → error, warning → warning, info → note', () => {
      expect(run({ findings: [OWNER, NO_EXPIRY, NOTE], files: [] }).results.map((x: any) => x.level)).toEqual(['error', 'warning', 'note']);
    });

    test('message, relative file, start line, address and construct path as logical locations, the declaration as a related location', () => {
      const [result] = run({ findings: [OWNER], files: [] }).results;
      expect(result.message.text).toBe(`${OWNER.message} Fix: ${OWNER.fix}`);
      expect(result.locations).toEqual([{
        physicalLocation: { artifactLocation: { uri: 'stacks/ci/cdk.tf.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 12 } },
        logicalLocations: [{ fullyQualifiedName: 'gitlab_project_access_token.bot', kind: 'resource' }, { fullyQualifiedName: 'ci/bot/token' }],
      }]);
      expect(result.relatedLocations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'src/ci.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 40 } });
      expect(result.partialFingerprints['glidFingerprint/v1']).toMatch(/^[0-9a-f]{64}$/);
    });

    test('no region when the line is unknown; no logical locations when there is neither address nor construct path', () => {
      const [note, bare] = run({ findings: [NOTE, { ...NO_EXPIRY, location: { file: 'main.tf' } }], files: [] }).results;
      expect(note.locations[0].physicalLocation).not.toHaveProperty('region');
      expect(note.locations[0].logicalLocations).toEqual([{ fullyQualifiedName: NOTE.location.address, kind: 'resource' }]);
      expect(bare.locations[0]).toEqual({ physicalLocation: { artifactLocation: { uri: 'main.tf', uriBaseId: '%SRCROOT%' } } });
      expect(bare).not.toHaveProperty('relatedLocations');
    });

    test('a suppressed finding keeps its level and carries an external suppression with its reason', () => {
      const [plain, suppressed] = run({ findings: [SUPPRESSION_PROBLEM, SUPPRESSED], files: [] }).results;
      expect(plain).not.toHaveProperty('suppressions');
      expect(suppressed.level).toBe('error');
      expect(suppressed.suppressions).toEqual([{ kind: 'external', justification: 'group is 4 projects, owned by one team' }]);
    });

    test('a file name that is not a URI reference as it stands is percent-encoded per segment', () => {
      const [result] = run(HOSTILE_RESULT).results;
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('we%22ird%20%3Cdir%3E/a%20b%23c%26d.tf');
      expect(decodeURIComponent(result.locations[0].physicalLocation.artifactLocation.uri)).toBe(HOSTILE.location.file);
    });
  });

  test('a lone surrogate in a file name is replaced, not thrown on', () => {
    const [result] = run({ findings: [{ ...NOTE, location: { file: 'a\uD800.tf' } }], files: [] }).results;
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('a%EF%BF%BD.tf');
  });

  test('hostile text round-trips in messages and justifications', () => {
    const [plain, suppressed] = run(HOSTILE_RESULT).results;
    expect(plain.message.text).toBe(`${HOSTILE.message} Fix: ${HOSTILE.fix}`);
    expect(suppressed.suppressions[0].justification).toBe(HOSTILE_RESULT.findings[1].suppressedBy!.reason);
  });
});
