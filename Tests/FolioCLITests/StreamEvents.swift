import Foundation

extension FolioProcess {
    /// Reads a running folio's standard error until `event` holds for everything read so far, or
    /// until the stream ends (the process exited). Tests wait for what they need to see, never for
    /// a fixed time, so they pass on a slow machine and do not waste time on a fast one. What this
    /// returns is not read again by `finish`; append its result.
    static func readStandardError(of running: Running, until event: (String) -> Bool) -> String {
        read(running.stderr.fileHandleForReading, until: event)
    }

    /// Reads `handle` chunk by chunk until `event` holds for the text so far or the stream ends.
    static func read(_ handle: FileHandle, until event: (String) -> Bool) -> String {
        var data = Data()
        while true {
            let chunk = handle.availableData   // blocks until there is data, or returns empty at the end
            if chunk.isEmpty { break }
            data.append(chunk)
            if event(String(decoding: data, as: UTF8.self)) { break }
        }
        return String(decoding: data, as: UTF8.self)
    }
}
