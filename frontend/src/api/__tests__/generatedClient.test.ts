// @vitest-environment node
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import { describe, expect, it } from "vitest";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

describe("src/generated/api.d.ts", () => {
  it("is what openapi-typescript makes of openapi.json (run `make api-client`)", async () => {
    const spec = JSON.parse(readFileSync(here("../../../openapi.json"), "utf-8"));
    const generated = COMMENT_HEADER + astToString(await openapiTS(spec, { defaultNonNullable: false }));
    expect(readFileSync(here("../../generated/api.d.ts"), "utf-8")).toBe(generated);
  }, 30_000);
});
