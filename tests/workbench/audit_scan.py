"""Every audit action the code can write, read from the source (ast), for tests/test_audit_page.py.

An action reaches `audit_record(action=...)` as a literal, a choice (`TicketAction.CLOSE`), a
conditional of those, or through a helper's parameter (`_audit(actor, "indicator_add", ...)`;
`_move(..., action=TicketAction.CLOSE)` writing f"ticket_{action}"). The scan follows such a
parameter back to every call of that helper (resolved through the module's imports), until
nothing new turns up. What it cannot resolve (an action chosen at run time) it reports.
"""

import ast
import importlib
import itertools
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "partybrand"
AUDIT_RECORD = ("partybrand.core.audit", "audit_record")


class Module:
    def __init__(self, path: Path):
        self.path = path
        name = "partybrand." + ".".join(path.relative_to(SRC).with_suffix("").parts)
        self.name = name.removesuffix(".__init__")
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.functions = {
            node.name: node
            for node in self.tree.body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        self.enclosing = {}  # node -> the function it is written in
        for function in ast.walk(self.tree):
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                for node in ast.walk(function):
                    self.enclosing[node] = function  # inner functions come later: they win
        self.names, self.aliases = {}, {}  # name -> (module, function); alias -> module
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    local = alias.asname or alias.name
                    self.names[local] = (node.module, alias.name)
                    self.aliases[local] = f"{node.module}.{alias.name}"  # a module, perhaps
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        self.aliases[alias.asname] = alias.name

    def target(self, call: ast.Call) -> tuple[str, str] | None:
        """The (module, function) a call reaches, as far as the imports tell."""
        func = call.func
        if isinstance(func, ast.Name):
            if func.id in self.functions:
                return self.name, func.id
            return self.names.get(func.id)
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            module = self.aliases.get(func.value.id)
            return (module, func.attr) if module else None
        return None

    def where(self, node: ast.AST) -> str:
        return f"{self.path.relative_to(SRC)}:{node.lineno}"


def _parameter(function, name: str) -> tuple[int | None, ast.expr | None]:
    """The position (None when keyword-only) and the default of a parameter."""
    args = function.args
    positional = [*args.posonlyargs, *args.args]
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    for index, arg in enumerate(positional):
        if arg.arg == name:
            return index, defaults[index]
    for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        if arg.arg == name:
            return None, default
    raise KeyError(name)


def _argument(call: ast.Call, name: str, position: int | None) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    if position is not None and position < len(call.args):
        return call.args[position]
    return None


class Scan:
    def __init__(self):
        self.modules = {
            m.name: m
            for m in map(Module, sorted(SRC.rglob("*.py")))
            if "migrations" not in m.path.parts
        }
        # (module, function) -> parameter: the helpers an action goes through
        self.helpers: dict[tuple[str, str], str] = {}
        self.actions: dict[str, set[str]] = {}  # code -> where it is written
        # (where, expression, the helper whose caller passes it): actions chosen at run time
        self.unresolved: set[tuple[str, str, tuple | None]] = set()

    def run(self) -> "Scan":
        for module in self.modules.values():
            for call in ast.walk(module.tree):
                if isinstance(call, ast.Call) and module.target(call) == AUDIT_RECORD:
                    expr = _argument(call, "action", None)
                    for value in self._resolve(module, call, expr, ()):
                        self.actions.setdefault(value, set()).add(module.where(call))
        return self

    def _resolve(self, module: Module, at: ast.AST, expr, seen: tuple) -> set[str]:
        if expr is None:
            return set()
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return {expr.value}
        if isinstance(expr, ast.IfExp):
            return self._resolve(module, at, expr.body, seen) | self._resolve(
                module, at, expr.orelse, seen
            )
        if isinstance(expr, ast.BoolOp) and isinstance(expr.op, ast.Or):
            values = set()  # `action or "default"`: an empty value falls through
            for operand in expr.values:
                values |= self._resolve(module, at, operand, seen)
            return values - {""}
        if isinstance(expr, ast.Attribute):  # a choice: TicketAction.CLOSE
            try:
                namespace = vars(importlib.import_module(module.name))
                return {str(eval(ast.unparse(expr), namespace))}  # noqa: S307  (our source)
            except Exception:  # noqa: BLE001  (a value known only at run time)
                return self._unresolved(module, at, expr, seen)
        if isinstance(expr, ast.Name):
            return self._parameter(module, at, expr.id, seen)
        if isinstance(expr, ast.JoinedStr):
            parts = []
            for piece in expr.values:
                if isinstance(piece, ast.Constant):
                    parts.append({piece.value})
                else:
                    parts.append(self._resolve(module, at, piece.value, seen))
            return {"".join(combo) for combo in itertools.product(*parts)}
        return self._unresolved(module, at, expr, seen)

    def _unresolved(self, module: Module, at: ast.AST, expr, seen: tuple) -> set[str]:
        self.unresolved.add((module.where(at), ast.unparse(expr), seen[-1] if seen else None))
        return set()

    def _parameter(self, module: Module, at: ast.AST, name: str, seen: tuple) -> set[str]:
        """A helper's parameter: the helper becomes an entry, and its callers say the values."""
        function = module.enclosing.get(at)
        try:
            position, default = _parameter(function, name)
        except (AttributeError, KeyError):  # a local variable: chosen at run time
            return self._unresolved(module, at, ast.Name(name), seen)
        key = (module.name, function.name)
        self.helpers[key] = name
        if key in seen:
            return set()
        seen = (*seen, key)
        values = self._resolve(module, function, default, seen)
        for caller in self.modules.values():
            for call in ast.walk(caller.tree):
                if isinstance(call, ast.Call) and caller.target(call) == key:
                    values |= self._resolve(caller, call, _argument(call, name, position), seen)
        return values


def written_actions() -> Scan:
    return Scan().run()
