// Placeholder: the Learning module is being built; see ../shared/DESIGN.md.
