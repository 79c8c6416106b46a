"""Output records of the Exchange cmdlets: PSObjects with Exchange's type names and properties in
Format-List order per version profile (output-format.md §7), and the value classes they hold."""
