/**
 * CI runs three suites side by side on 2 cores (.ci/run), so a test there may take a few times as
 * long as alone. There, every time limit (the default one in jest.config.js, and a test's or a hook's
 * own last argument) is multiplied by CI_LOAD_FACTOR. A limit only catches a test that hangs: no
 * assertion changes, and a timed assertion inside a test keeps its bound.
 */
const CI_LOAD_FACTOR = 4;

if (process.env.CI) {
  for (const name of ['it', 'test', 'beforeAll', 'beforeEach', 'afterAll', 'afterEach']) {
    const original = globalThis[name];
    if (typeof original !== 'function') continue; // jest.config.js reads the factor outside a test
    const withLongerLimit = (...args) => {
      if (typeof args[args.length - 1] === 'number') args[args.length - 1] *= CI_LOAD_FACTOR;
      return original(...args);
    };
    // it.each, it.only, it.skip, test.todo… stay as they are.
    globalThis[name] = Object.assign(withLongerLimit, original);
  }
}

module.exports = { CI_LOAD_FACTOR };
