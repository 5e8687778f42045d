import { describe, expect, it } from "vitest";
import { castTable as table, field } from "../../../fakes/fixtures/cast-table.ts";
import { CAST_FAILED } from "./types.ts";

const X = CAST_FAILED;

describe("string", () => {
  it("accepts any text and formats email, uri, uuid, binary", () => {
    table({ type: "string" }, [["Appel fictif", "Appel fictif"], ["", null], [" ", " "]]);
    table({ type: "string", format: "email" }, [["contact@exemple.test", "contact@exemple.test"], ["pas-un-email", X], ["a@b", X]]);
    table({ type: "string", format: "uri" }, [["https://exemple.test/aap", "https://exemple.test/aap"], ["exemple.test", X], ["http://a b", X]]);
    table({ type: "string", format: "uuid" }, [["123e4567-e89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a456-426614174000"], ["123e4567", X]]);
    table({ type: "string", format: "binary" }, [["UHJvamV0", "UHJvamV0"], ["UHJvamV0IQ==", "UHJvamV0IQ=="], ["pas du base64!", X]]);
  });

  it("takes a number from an Excel or JSON cell as its text (postal codes)", () => {
    table({ type: "string" }, [[97442, "97442"], [1.5, "1.5"], [true, X]]);
    table({ type: "string" }, [[new Date(Date.UTC(2021, 1, 1)), "2021-02-01"], [new Date(Date.UTC(2021, 1, 1, 10, 30)), "2021-02-01T10:30:00Z"]]);
    table({ type: "year" }, [[new Date(Date.UTC(2021, 1, 1)), 2021]]);
  });

  it("treats categories as an implicit enum", () => {
    const statut = field({ type: "string", categories: [{ value: "ouvert", label: "Ouvert" }, { value: "clos" }] });
    expect(statut.cast("ouvert")).toBe("ouvert");
    expect(statut.cast("fermé")).toBe(X);
    expect(statut.typeNote).toBe('type is "string/default" and one of the categories "ouvert, clos"');
  });

  it("rejects an unknown string format at compile time", () => {
    expect(() => field({ type: "string", format: "telephone" })).toThrow(/format "telephone" is not supported by type "string"/);
  });
});

describe("number", () => {
  it("reads XML Schema decimals, exponents and special values", () => {
    table({ type: "number" }, [
      ["12.5", 12.5], ["-0.75", -0.75], ["+3", 3], [".5", 0.5], ["1e3", 1000], ["1.5E-2", 0.015], ["007.10", 7.1],
      ["NaN", Number.NaN], ["INF", Infinity], ["-inf", -Infinity], [" 42 ", 42],
      ["12,5", X], ["1 000", X], ["abc", X], ["0x10", X], ["1.2.3", X], ["-", X], [12.5, 12.5], [true, X],
    ]);
  });

  it("is strict about decimalChar: with ',' declared, '1.234' is a type error", () => {
    table({ type: "number", decimalChar: "," }, [["12,5", 12.5], ["1.234", X], ["-0,5", -0.5], [",5", 0.5]]);
    table({ type: "number", decimalChar: ",", groupChar: "." }, [["1.234,5", 1234.5], ["1.234", 1234], ["1,5", 1.5]]);
  });

  it("strips group characters, including French no-break spaces", () => {
    table({ type: "number", groupChar: "," }, [["1,234,567.5", 1234567.5], ["1234.5", 1234.5], [",12", X]]);
    table({ type: "number", decimalChar: ",", groupChar: " " }, [["1 234,5", 1234.5], ["1\u00A0234,5", 1234.5], ["1\u202F234", 1234]]);
  });

  it("strips currency and percent signs when bareNumber is false", () => {
    table({ type: "number", decimalChar: ",", bareNumber: false }, [["12,5 %", 12.5], ["1500 €", 1500], ["EUR -12,5", -12.5], ["€", X]]);
    table({ type: "number", bareNumber: false }, [["$1.5", 1.5], ["$1,5", X]]);
    table({ type: "number" }, [["12.5 %", X], ["1500 €", X]]);
  });

  it("writes numbers without exponent noise, with the declared decimalChar", () => {
    expect(field({ type: "number" }).write(1e21)).toBe("1000000000000000000000");
    expect(field({ type: "number" }).write(1.5e-7)).toBe("0.00000015");
    expect(field({ type: "number" }).write(-2.5)).toBe("-2.5");
    expect(field({ type: "number" }).write(Infinity)).toBe("INF");
    const fr = field({ type: "number", decimalChar: "," });
    expect(fr.write(12.5)).toBe("12,5");
    expect(fr.cast(fr.write(12.5))).toBe(12.5);
  });

  it("round-trips many values exactly", () => {
    const f = field({ type: "number" });
    for (const n of [0.1, 0.3, 123456.789, 1 / 3, 9007199254740992, 5e-324, 1.7976931348623157e308, -1e-10]) {
      expect(f.cast(f.write(n))).toBe(n);
    }
  });
});

describe("integer", () => {
  it("accepts signs and leading zeros (SIREN-like codes), rejects decimals", () => {
    table({ type: "integer" }, [
      ["42", 42], ["-7", -7], ["+7", 7], ["000835", 835], ["1.0", X], ["1e3", X], ["", null], ["douze", X], [12, 12], [12.5, X],
    ]);
  });

  it("goes to bigint beyond 2^53", () => {
    table({ type: "integer" }, [["9007199254740993", 9007199254740993n], ["-9007199254740993", -9007199254740993n], ["9007199254740991", 9007199254740991]]);
    expect(field({ type: "integer" }).write(9007199254740993n)).toBe("9007199254740993");
  });

  it("handles groupChar and bareNumber", () => {
    table({ type: "integer", groupChar: " " }, [["1 500 000", 1500000], ["1500000", 1500000]]);
    table({ type: "integer", bareNumber: false }, [["1500 €", 1500], ["n° 12", 12]]);
  });

  it("supports integer categories", () => {
    const niveau = field({ type: "integer", categories: [1, 2, { value: 3, label: "Élevé" }] });
    expect(niveau.cast("2")).toBe(2);
    expect(niveau.cast("4")).toBe(X);
    expect(() => field({ type: "integer", categories: ["un"] })).toThrow(/category "un" is not an integer/);
  });
});

describe("boolean", () => {
  it("uses the defaults and French trueValues/falseValues", () => {
    table({ type: "boolean" }, [["true", true], ["True", true], ["1", true], ["0", false], ["FALSE", false], ["oui", X], ["yes", X], [true, true], [1, true]]);
    const oui = field({ type: "boolean", trueValues: ["oui", "Oui", "OUI"], falseValues: ["non", "Non", "NON"] });
    expect(oui.cast("Oui")).toBe(true);
    expect(oui.cast("NON")).toBe(false);
    expect(oui.cast("true")).toBe(X);
    expect(oui.write(true)).toBe("oui");
    expect(oui.write(false)).toBe("non");
    expect(field({ type: "boolean" }).write(true)).toBe("true");
  });
});

describe("year, yearmonth, duration", () => {
  it("reads them", () => {
    table({ type: "year" }, [["2021", 2021], ["0999", 999], ["21", X], ["20210", X], [2021, 2021]]);
    expect(field({ type: "year" }).write(999)).toBe("0999");
    table({ type: "yearmonth" }, [["2021-02", "2021-02"], ["2021-13", X], ["2021-2", X]]);
    table({ type: "duration" }, [["P1Y2M3DT4H5M6.5S", "P1Y2M3DT4H5M6.5S"], ["PT36H", "PT36H"], ["P2W", "P2W"], ["P", X], ["PT", X], ["1 jour", X]]);
  });
});

describe("geopoint and geojson", () => {
  it("reads the three geopoint formats", () => {
    table({ type: "geopoint" }, [["2.35, 48.85", [2.35, 48.85]], ["2.35,48.85", [2.35, 48.85]], ["200, 48", X], ["2.35", X]]);
    table({ type: "geopoint", format: "array" }, [["[2.35, 48.85]", [2.35, 48.85]], [[2.35, 48.85], [2.35, 48.85]], ["[2.35]", X]]);
    table({ type: "geopoint", format: "object" }, [['{"lon": 2.35, "lat": 48.85}', [2.35, 48.85]], ['{"lon": 2.35}', X]]);
    expect(field({ type: "geopoint", format: "object" }).write([2.35, 48.85])).toBe('{"lon":2.35,"lat":48.85}');
    expect(field({ type: "geopoint" }).write([2.35, 48.85])).toBe("2.35,48.85");
  });

  it("checks GeoJSON and TopoJSON structure", () => {
    const point = { type: "Point", coordinates: [2.35, 48.85] };
    table({ type: "geojson" }, [
      [JSON.stringify(point), point], [point, point], ['{"type": "Point"}', X], ['{"type": "Cercle", "coordinates": [1, 2]}', X],
      [JSON.stringify({ type: "Feature", geometry: point, properties: {} }), { type: "Feature", geometry: point, properties: {} }],
    ]);
    table({ type: "geojson", format: "topojson" }, [['{"type": "Topology", "objects": {}, "arcs": []}', { type: "Topology", objects: {}, arcs: [] }], [JSON.stringify(point), point]]);
  });

  it("reads a TopoJSON geometry object on its own, as frictionless-py's TopoJSON profile does", () => {
    const topo = (value: unknown) => field({ type: "geojson", format: "topojson" }).cast(JSON.stringify(value));
    const valid = [
      { type: "LineString", arcs: [42] },
      { type: "MultiLineString", arcs: [[0, 1], [-2]], id: 7, properties: { nom: "ligne fictive" } },
      { type: "Polygon", arcs: [[0, 1, 2]] },
      { type: "MultiPolygon", arcs: [[[0]], [[1, -2]]] },
      { type: "MultiPoint", coordinates: [[1, 2], [3, 4]] },
      { type: "GeometryCollection", geometries: [{ type: "Point", coordinates: [1, 2] }, { type: "LineString", arcs: [0] }] },
      { type: "Topology", objects: { a: { type: "Polygon", arcs: [[0]] } }, arcs: [[[0, 0], [1, 1]], [null, [2, 2]]], transform: { scale: [1, 1], translate: [0, 0] }, bbox: [[0, 0], [1, 1]] },
    ];
    for (const value of valid) expect(topo(value), JSON.stringify(value)).toEqual(value);
    const invalid = [
      { type: "LineString", arcs: [[42]] }, { type: "LineString" }, { type: "Polygon", arcs: [0] }, { type: "Point", arcs: [0] },
      { type: "LineString", arcs: [0], id: 1.5 }, { type: "LineString", arcs: [0], properties: [] }, { type: "Cercle", arcs: [0] },
      { type: "Topology", objects: { a: { type: "Cercle" } }, arcs: [] }, { type: "Topology", objects: {}, arcs: [[[0, 0]]] },
      { type: "Topology", objects: {}, arcs: [], transform: { scale: [1] } }, { type: "LineString", arcs: [0], bbox: [0, 0, 1, 1] },
      { arcs: [0] },
    ];
    for (const value of invalid) expect(topo(value), JSON.stringify(value)).toBe(X);
  });
});

describe("object, array, list, any", () => {
  it("reads JSON objects and arrays", () => {
    table({ type: "object" }, [['{"region": "11"}', { region: "11" }], ["[1]", X], ["null", X], ["{", X], [{ a: 1 }, { a: 1 }]]);
    table({ type: "array" }, [['["a", "b"]', ["a", "b"]], ["{}", X], [[1, 2], [1, 2]]]);
    expect(field({ type: "object" }).write({ region: "11" })).toBe('{"region":"11"}');
  });

  it("checks arrayItem (frictionless-py extension used by French schemas)", () => {
    const f = field({ type: "array", arrayItem: { type: "integer", constraints: { minimum: 0 } } });
    expect(f.cast("[1, 2]")).toEqual([1, 2]);
    expect(f.cast('["1", "2"]')).toEqual([1, 2]);
    expect(f.cast('["1", "x"]')).toBe(X);
    expect(f.castFailure?.('["1", "x"]')).toEqual({ note: 'array item type is "integer/default"', constraints: [] });
  });

  it("reports an item that breaks its constraints as a constraint error, as frictionless-py 5", () => {
    const f = field({ type: "array", arrayItem: { constraints: { enum: ["a", "b"] } } });
    expect(f.cast('["c"]')).toEqual(["c"]);
    expect(f.constraintFailures(f.cast('["a", "c", "d"]'))).toEqual([{ constraint: "enum", note: 'array item constraint "enum" is "[\'a\', \'b\']"' }]);
    expect(f.checkConstraints(f.cast('["a", "b"]'))).toBeUndefined();
    const n = field({ type: "array", arrayItem: { type: "integer", constraints: { minimum: 0, required: true } } });
    expect(n.constraintFailures(n.cast("[1, -2, null]")).map((c) => c.note)).toEqual(['array item constraint "minimum" is "0"', 'array item constraint "required" is "True"']);
    // A bad type and a broken constraint in one cell: the type error, then the constraint.
    expect(n.cast('["x", -1]')).toBe(X);
    expect(n.castFailure?.('["x", -1]')).toEqual({ note: 'array item type is "integer/default"', constraints: [{ constraint: "minimum", note: 'array item constraint "minimum" is "0"' }] });
    // The items are read only when the array's own constraints pass.
    const short = field({ type: "array", constraints: { maxLength: 1 }, arrayItem: { type: "integer" } });
    expect(short.cast('["x", "y"]')).toEqual(["x", "y"]);
    expect(short.constraintFailures(short.cast('["x", "y"]'))).toEqual([{ constraint: "maxLength", note: 'constraint "maxLength" is "1"' }]);
  });

  it("reads lists with a delimiter and an item type", () => {
    table({ type: "list" }, [["a,b,c", ["a", "b", "c"]], [["a"], ["a"]]]);
    table({ type: "list", delimiter: ";", itemType: "integer" }, [["1;2;3", [1, 2, 3]], ["1;x", X]]);
    table({ type: "list", itemType: "date" }, [["2021-01-01,2021-02-01", ["2021-01-01", "2021-02-01"]]]);
    const f = field({ type: "list", delimiter: "|", itemType: "boolean" });
    expect(f.write([true, false])).toBe("true|false");
    expect(() => field({ type: "list", itemType: "object" })).toThrow(/itemType/);
  });

  it("keeps any values untouched", () => {
    table({ type: "any" }, [["12", "12"], [12, 12], [{ a: 1 }, { a: 1 }]]);
  });
});

describe("missing values", () => {
  it("uses the schema list, replaced by the field's own list", () => {
    const schemaLevel = field({ type: "number" }, ["", "NA", "N/A"]);
    expect(schemaLevel.cast("NA")).toBeNull();
    expect(schemaLevel.cast("")).toBeNull();
    expect(schemaLevel.isMissing("N/A")).toBe(true);
    const fieldLevel = field({ type: "number", missingValues: ["-"] }, ["", "NA"]);
    expect(fieldLevel.cast("-")).toBeNull();
    expect(fieldLevel.cast("NA")).toBe(X);
    expect(fieldLevel.write(null)).toBe("-");
    const none = field({ type: "string" }, []);
    expect(none.cast("")).toBe("");
  });

  it("applies to Excel numbers too", () => {
    expect(field({ type: "date" }, ["", "0"]).cast(0)).toBeNull();
  });
});

describe("typeErrorNote", () => {
  it("explains the common mistakes and what to change", () => {
    expect(field({ type: "number", decimalChar: "," }).typeErrorNote("1.234"))
      .toBe('type is "number/default": the cell uses "." as decimal separator but the field declares decimalChar ","');
    expect(field({ type: "number" }).typeErrorNote("12,5")).toMatch(/declare "decimalChar": ","/);
    expect(field({ type: "number" }).typeErrorNote("1 500 000")).toMatch(/declare "groupChar"/);
    expect(field({ type: "number" }).typeErrorNote("1500 €")).toMatch(/"bareNumber": false/);
    expect(field({ type: "integer" }).typeErrorNote("12.5")).toMatch(/no decimal part/);
    expect(field({ type: "date" }).typeErrorNote("01/02/2021")).toMatch(/YYYY-MM-DD.*"%d\/%m\/%Y"/);
    expect(field({ type: "date", format: "%d/%m/%y" }).typeErrorNote("01/02/2021")).toMatch(/use "%Y" for a 4-digit year/);
    expect(field({ type: "date", format: "DD/MM/YYYY" }).typeErrorNote("01/02/2021")).toBe('type is "date/DD/MM/YYYY": the format has no strptime directive: write a pattern such as "%d/%m/%Y"');
    expect(field({ type: "boolean", trueValues: ["oui"], falseValues: ["non"] }).typeErrorNote("yes")).toBe('type is "boolean/default": accepted values are "oui" and "non"');
    expect(field({ type: "string", format: "email" }).typeErrorNote("pas-un-email")).toBe('type is "string/email"');
  });
});
