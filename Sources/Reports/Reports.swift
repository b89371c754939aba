// Placeholder: the Reports module is being built; see ../shared/DESIGN.md.
