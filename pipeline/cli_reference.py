"""docs/cli.md: the command-line reference, generated from the commands' own `--help`.

    python -m pipeline.cli_reference > docs/cli.md

tests/test_cli_reference.py fails when the file and the commands' help drift apart, as
sqlite-utils checks its CLI reference. Help is rendered at a fixed width, so the file does
not depend on the terminal of whoever regenerates it.
"""

from __future__ import annotations

import click

from pipeline.cli import main

HELP_WIDTH = 100  # columns the help text is wrapped at in the reference


def _help(command: click.Command, name: str, parent: click.Context | None = None) -> str:
    ctx = click.Context(
        command,
        info_name=name,
        parent=parent,
        terminal_width=HELP_WIDTH,
        max_content_width=HELP_WIDTH,
        **{**main.context_settings, **command.context_settings},
    )
    return command.get_help(ctx)


def reference() -> str:
    """The whole reference as Markdown: `gazette --help`, then every command's, by name."""
    root = click.Context(main, info_name="gazette", terminal_width=HELP_WIDTH)
    parts = [
        "# Command-line reference",
        "",
        "Generated from `--help` by `python -m pipeline.cli_reference > docs/cli.md`; "
        "tests/test_cli_reference.py checks it is current.",
        "",
        "## gazette",
        "",
        "```",
        _help(main, "gazette"),
        "```",
    ]
    for name in sorted(main.commands):
        parts += [
            "",
            f"## gazette {name}",
            "",
            "```",
            _help(main.commands[name], name, root),
            "```",
        ]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    click.echo(reference(), nl=False)
