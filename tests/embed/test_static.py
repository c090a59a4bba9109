import re
from pathlib import Path

import pytest

import parley.embed

WIDGET = Path(parley.embed.__file__).parent / "static" / "parley"
MODULES = sorted(path.name for path in WIDGET.glob("*.js"))
IMPORT = re.compile(r"""^(?:import|export) [^;]*?from "(\./[\w-]+\.js)";""", re.M)


def test_every_relative_import_names_a_module_in_the_folder():
    """The modules import each other by relative URL; none may point nowhere."""
    imports = {
        (path.name, target)
        for path in WIDGET.glob("*.js")
        for target in IMPORT.findall(path.read_text())
    }
    assert ("parley-comments.js", "./api.js") in imports
    assert [pair for pair in imports if pair[1][2:] not in MODULES] == []


@pytest.mark.parametrize("name", MODULES)
def test_every_widget_module_is_served_as_javascript_to_any_origin(client, name):
    """Module scripts load cross-origin only with a JS type and a CORS header."""
    response = client.get(f"/static/parley/{name}", HTTP_ORIGIN="http://blog.example")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Access-Control-Allow-Origin"] == "*"
