"""axe-core in the browser tests: the rules they run and how a failure reads. The fixtures
`axe_source` and `axe` (conftest.py) put it into a page; test_accessibility.py says why through
`page.evaluate` rather than a <script> tag (the strict CSP).
"""

from pathlib import Path

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices (landmarks, headings...).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_TAGS = [*WCAG_TAGS, "best-practice"]
# Frames are checked as pages of their own (the embed), so the run stays within one document.
AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    iframes: false,
    resultTypes: ['violations'],
  });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(' '), summary: n.failureSummary})),
  }));
}"""


def describe(violations):
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}: {summary}")
    return "\n".join(lines)


def assert_accessible(axe, page, label, tags=AXE_TAGS):
    violations = axe(page, tags)
    assert not violations, f"axe found {len(violations)} violation(s) on {label}:\n" + describe(
        violations
    )
