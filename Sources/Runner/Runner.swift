// Placeholder: the Runner module is being built; see ../shared/DESIGN.md.
