import { describe, expect, it } from "vitest";
import { databaseUrlFor } from "../db/urls";

describe("the test databases' URLs", () => {
  it.each([
    ["postgres://postgres@127.0.0.1:5432/test", "postgres://postgres@127.0.0.1:5432/cwis_t1"],
    ["postgresql://u:p%40ss@db.example/test?sslmode=require", "postgresql://u:p%40ss@db.example/cwis_t1?sslmode=require"],
    ["postgres://postgres@/test?host=/var/run/postgresql", "postgres://postgres@/cwis_t1?host=/var/run/postgresql"],
    ["postgres://postgres@%2Fvar%2Frun%2Fpostgresql/test", "postgres://postgres@%2Fvar%2Frun%2Fpostgresql/cwis_t1"],
  ])("%s → another database on the same server", (url, expected) => {
    expect(databaseUrlFor(url, "cwis_t1")).toBe(expected);
  });

  it("refuses a URL that names no database", () => {
    expect(() => databaseUrlFor("postgres://postgres@127.0.0.1:5432", "cwis_t1")).toThrow(/must name a database/);
  });
});
