// Placeholder: the Plotting module is being built; see ../shared/DESIGN.md.
