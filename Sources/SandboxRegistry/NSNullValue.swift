import Foundation

/// JSON `null` for `JSONSerialization` bodies.
enum NSNullValue {
    static var null: Any { NSNull() }
}
