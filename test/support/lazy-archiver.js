// Stands in for `archiver` in the tests (jest.config.js moduleNameMapper). cdktf requires it at load time
// (cdktf/lib/private/fs.js) only to zip TerraformAsset folders, which this library never makes; loading it
// is about a third of loading cdktf, which some 40 test files each do in their own module registry. The real
// module is loaded on the first call, so an asset would still be zipped by the real thing.
const path = require('path');

const real = path.join(path.dirname(require.resolve('cdktf/package.json')), 'node_modules', 'archiver');
module.exports = (...args) => require(real)(...args);
