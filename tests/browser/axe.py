"""axe-core, run in the page under test: the accessibility rules as a test tool.

The script is vendored from the npm package (tests/browser/vendor/axe-core, its
version in README.md there) so the tests need no network; the product never
ships it.
"""

from pathlib import Path

AXE_SOURCE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"


def axe_violations(page, *, exclude: tuple[str, ...] = ()) -> list[str]:
    """Run every axe rule on the page as it stands and return one line per
    failing element: "rule (impact) on selector: what is wrong". `exclude`
    names selectors left out (never used to hide a product fault)."""
    # Evaluated through the DevTools protocol, so the site's CSP (which allows
    # no inline script) does not stop it; axe itself needs no eval.
    page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    results = page.evaluate(
        """async (exclude) => {
            const context = exclude.length
                ? {include: [document], exclude: exclude.map((s) => [s])}
                : document;
            const found = await window.axe.run(context, {resultTypes: ["violations"]});
            return found.violations.map((rule) => ({
                id: rule.id,
                impact: rule.impact,
                help: rule.help,
                nodes: rule.nodes.map((node) => ({target: node.target.join(" ")})),
            }));
        }""",
        list(exclude),
    )
    return [
        f"{rule['id']} ({rule['impact']}) on {node['target']}: {rule['help']}"
        for rule in results
        for node in rule["nodes"]
    ]
