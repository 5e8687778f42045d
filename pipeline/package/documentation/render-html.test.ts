import { describe, expect, it } from "vitest";
import { renderDocumentationHtml } from "./render-html.ts";

describe("renderDocumentationHtml", () => {
  const html = renderDocumentationHtml(
    "# Appels fictifs\n\n| Projet | Montant |\n|---|---|\n| <script>alert(1)</script> | 1 000 |\n\n- [source](https://example.org/a?b=1&c=2)\n- [piège](javascript:alert(1))\n",
    "Appels <fictifs>",
  );

  it("is a French page readable on a phone, titled after the package", () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain("<title>Appels &lt;fictifs&gt; – documentation</title>");
    expect(html).toContain("<h1>Appels fictifs</h1>");
    expect(html).toContain("<th>Projet</th>");
  });

  it("shows HTML found in the data as text, and makes only web links clickable", () => {
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain('<a href="https://example.org/a?b=1&amp;c=2">source</a>');
    expect(html).not.toContain("javascript:");
  });
});
