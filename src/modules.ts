/**
 * Modules loaded on first use, so that a command or notebook that never needs them (the provider
 * SDKs, live runs, batches) does not pay for loading them.
 */

/**
 * Loads a module on first use: through `require` where it resolves TypeScript sources (the
 * CommonJS loader of the command line, the notebook kernel), else through `import()` (vitest).
 * @param viaRequire e.g. `() => require("./registry") as typeof import("./registry")`
 * @param viaImport e.g. `() => import("./registry")`
 */
export async function loadLazily<T>(viaRequire: () => T, viaImport: () => Promise<T>): Promise<T> {
  try {
    return viaRequire();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
    return viaImport();
  }
}
