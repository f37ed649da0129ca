// Preloaded into the benchmarked command (node -r): writes its peak RSS in MB next to its --output file on exit.
import * as fs from 'fs';

const at = process.argv.indexOf('--output');
if (at > 0) process.on('exit', () => fs.writeFileSync(`${process.argv[at + 1]}.rss`, String(process.resourceUsage().maxRSS / 1024)));
