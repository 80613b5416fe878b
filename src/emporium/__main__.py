from emporium.cli import main

main()
