// Placeholder: the Analysis module is being built; see ../shared/DESIGN.md.
