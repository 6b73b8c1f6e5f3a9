"""Reading the catalogue: strict YAML, schemas, references, and the entry scaffolds editors start from."""
