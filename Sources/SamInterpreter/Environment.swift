/// One lexical scope at run time: a file's globals, a block, a function call, a sweep cell.
///
/// The rules are the checker's: `let` binds in the current scope (shadowing allowed); a plain
/// `name = value` assigns to the nearest visible binding and otherwise binds in the current scope;
/// compound assignments need an existing binding. Builtins are not stored here: a name no scope binds
/// is looked up in the registry.
final class Environment {
    /// The enclosing scope, `nil` for the globals.
    let parent: Environment?
    private var values: [String: Value] = [:]

    /// Creates a scope inside `parent`.
    init(parent: Environment?) {
        self.parent = parent
    }

    /// Binds `name` in this scope, replacing a binding of the same name here.
    func define(_ name: String, _ value: Value) {
        values[name] = value
    }

    /// The value of the nearest binding of `name`.
    func lookup(_ name: String) -> Value? {
        var scope: Environment? = self
        while let current = scope {
            if let value = current.values[name] { return value }
            scope = current.parent
        }
        return nil
    }

    /// Assigns to the nearest binding of `name`; returns `false` when there is none.
    func assign(_ name: String, _ value: Value) -> Bool {
        var scope: Environment? = self
        while let current = scope {
            if current.values[name] != nil {
                current.values[name] = value
                return true
            }
            scope = current.parent
        }
        return false
    }

    /// The names bound in this scope.
    var localNames: [String] { Array(values.keys) }

    /// Every name visible from this scope.
    var visibleNames: Set<String> {
        var names: Set<String> = []
        var scope: Environment? = self
        while let current = scope {
            names.formUnion(current.values.keys)
            scope = current.parent
        }
        return names
    }
}
