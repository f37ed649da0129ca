// Writes RULES.md from the rules in lib/core/rules. Run: npm run docs:rules
import * as fs from 'fs';
import * as path from 'path';
import { renderRulesMarkdown } from '../lib/core';

fs.writeFileSync(path.join(__dirname, '..', 'RULES.md'), renderRulesMarkdown());
console.log('RULES.md written');
