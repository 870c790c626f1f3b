"""The core has no tables: its models (`versioning.Versioned`, `rendering.RendersMarkdown`) are
abstract bases. This module exists so that `migrate` sends this app its post_migrate signal,
which keeps the Editors group in line with the registry (`editorial.editors`)."""
