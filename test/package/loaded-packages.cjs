// Preloaded with --require: names on stderr every package the process loads, ESM imports of CommonJS included.
const Module = require('node:module')
const seen = new Set()
const load = Module._load
Module._load = function (request, parent, isMain) {
  const loaded = load.apply(this, arguments)
  try {
    const name = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(Module._resolveFilename(request, parent, isMain))?.[1]
    if (name && !seen.has(name)) {
      seen.add(name)
      process.stderr.write(`loaded package ${name}\n`)
    }
  } catch { /* a built-in module */ }
  return loaded
}
