from corpusfix.cli.main import main

raise SystemExit(main())
