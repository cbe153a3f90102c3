/// The branch and tag conditions of the CI platforms' expressions, as globs:
/// `$CI_COMMIT_BRANCH == "main"`, `$CI_COMMIT_TAG =~ /^v.*/`,
/// `github.ref == 'refs/heads/main'`, `startsWith(github.ref, 'refs/tags/v')`.
enum CIConditions {
    /// The branches and tags one expression names.
    static func refs(in expression: String) -> (branches: Set<String>, tags: Set<String>) {
        var branches: Set<String> = []
        var tags: Set<String> = []
        // GitLab: `$CI_COMMIT_BRANCH == "main"`, `$CI_COMMIT_REF_NAME == "main"`, `$CI_DEFAULT_BRANCH`.
        for variable in ["$CI_COMMIT_BRANCH", "$CI_COMMIT_REF_NAME"] {
            for value in quotedValues(after: variable + " ==", in: expression) { branches.insert(value) }
        }
        if expression.contains("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH") { branches.insert("main") }
        if let regex = regexValue(after: "$CI_COMMIT_TAG =~", in: expression) {
            tags.insert(glob(fromRegex: regex))
        } else if expression.contains("$CI_COMMIT_TAG"), !expression.contains("$CI_COMMIT_TAG ==") {
            tags.insert("*")
        }
        // GitHub: `github.ref == 'refs/heads/main'`, `startsWith(github.ref, 'refs/tags/v')`.
        for value in quotedValues(after: "github.ref ==", in: expression) {
            if value.hasPrefix("refs/heads/") { branches.insert(String(value.dropFirst("refs/heads/".count))) }
            if value.hasPrefix("refs/tags/") { tags.insert(String(value.dropFirst("refs/tags/".count))) }
        }
        for value in quotedValues(after: "startsWith(github.ref,", in: expression) {
            if value.hasPrefix("refs/tags/") { tags.insert(String(value.dropFirst("refs/tags/".count)) + "*") }
            if value.hasPrefix("refs/heads/") { branches.insert(String(value.dropFirst("refs/heads/".count)) + "*") }
        }
        return (branches, tags)
    }

    /// `/^v.*/` → `v*`, `/^v\d+/` → `v*`: the literal start of an anchored pattern and a `*`.
    static func glob(fromRegex regex: String) -> String {
        var body = Substring(regex)
        if body.hasPrefix("/") { body = body.dropFirst() }
        if let end = body.lastIndex(of: "/") { body = body[..<end] }
        guard body.hasPrefix("^") else { return "*" }
        body = body.dropFirst()
        var literal = ""
        var index = body.startIndex
        while index < body.endIndex {
            let character = body[index]
            if character == "\\", body.index(after: index) < body.endIndex, ".-_/".contains(body[body.index(after: index)]) {
                literal.append(body[body.index(after: index)])
                index = body.index(index, offsetBy: 2)
                continue
            }
            if character.isLetter || character.isNumber || "-_/".contains(character) {
                literal.append(character)
                index = body.index(after: index)
                continue
            }
            break
        }
        let whole = index == body.endIndex || body[index...] == "$"
        return whole ? literal : literal + "*"
    }

    /// The quoted strings (`"…"` or `'…'`) right after each occurrence of `marker`.
    static func quotedValues(after marker: String, in text: String) -> [String] {
        var values: [String] = []
        var rest = Substring(text)
        while let range = rest.range(of: marker) {
            rest = rest[range.upperBound...].drop { $0 == " " }
            guard let quote = rest.first, quote == "\"" || quote == "'" else { continue }
            let body = rest.dropFirst()
            guard let end = body.firstIndex(of: quote) else { break }
            values.append(String(body[..<end]))
            rest = body[body.index(after: end)...]
        }
        return values
    }

    /// The `/…/` regex right after `marker`.
    static func regexValue(after marker: String, in text: String) -> String? {
        guard let range = text.range(of: marker) else { return nil }
        let rest = text[range.upperBound...].drop { $0 == " " }
        guard rest.first == "/" else { return nil }
        let body = rest.dropFirst()
        guard let end = body.firstIndex(of: "/") else { return nil }
        return "/" + body[..<end] + "/"
    }
}
