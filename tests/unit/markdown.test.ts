import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/markdown";

describe("report markdown", () => {
  it("renders headings, lists, emphasis, tables and links, Bangla and Devanagari as written", () => {
    const html = renderMarkdown("## সুপারিশ\n\n- **দ্বিতীয়** ভ্যাকুয়াম ট्रাক\n- लेदो प्रशोधन केन्द्र\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[Guide](https://example.org/guide) and [page](/cities/kushtia)");
    expect(html).toContain("<h2>সুপারিশ</h2>");
    expect(html).toContain("<strong>দ্বিতীয়</strong>");
    expect(html).toContain("<li>लेदो प्रशोधन केन्द्र</li>");
    expect(html).toContain("<table>");
    expect(html).toContain('<a href="https://example.org/guide">Guide</a>');
    expect(html).toContain('<a href="/cities/kushtia">page</a>');
  });

  it("never lets a script, an event handler, a style or a javascript:/data: link through", () => {
    const attacks = [
      "<script>alert(1)</script>",
      '<img src=x onerror="alert(1)">',
      '<a href="javascript:alert(1)">x</a>',
      "[click](javascript:alert(1))",
      "[click](JaVaScRiPt:alert(1))",
      "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "[click](//evil.example/x)",
      '<p style="background:url(javascript:alert(1))">x</p>',
      "<iframe src=https://evil.example></iframe>",
      '<svg onload="alert(1)"></svg>',
    ];
    for (const attack of attacks) {
      const html = renderMarkdown(attack);
      // No such element, no such attribute inside any tag, no such link (the text of it may stay, escaped).
      expect(html, attack).not.toMatch(/<(?:script|img|iframe|svg)\b/i);
      expect(html, attack).not.toMatch(/<[^>]*\s(?:on\w+|style)=/i);
      expect(html, attack).not.toMatch(/<a\b[^>]*href="(?:javascript|data|\/\/)/i);
    }
    // Raw HTML is shown as text, not dropped silently: the author sees what they typed.
    expect(renderMarkdown("<script>alert(1)</script>")).toContain("&lt;script&gt;");
  });
});
