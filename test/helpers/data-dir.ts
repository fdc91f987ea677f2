/**
 * The benchmark data directory for tests: the configured one (DISTALIGN_DATA_DIR or
 * data/upstream). Tests that read the data fail with the data layer's own message when none is
 * configured, rather than being skipped.
 */
import { requireDataDir } from "../../src/data/data-dir";

export function testDataDir(): string {
  return requireDataDir();
}
